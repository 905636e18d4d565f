import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

// All requests at once: fast, but over the limit.
public class Main {
    static String codeOf(String json) {
        int key = json.indexOf("\"code\"");
        int start = json.indexOf('"', json.indexOf(':', key) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    public static void main(String[] args) {
        HttpClient client = HttpClient.newHttpClient();
        int count = Integer.parseInt(args[1]);
        List<CompletableFuture<String>> items = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            items.add(client.sendAsync(HttpRequest.newBuilder(URI.create(args[0] + "/items/" + n)).build(),
                    HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body));
        }
        System.out.println("Fetched " + count + " items; last code " + codeOf(items.getLast().join()));
    }
}
