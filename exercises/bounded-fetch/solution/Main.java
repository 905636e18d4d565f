import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

public class Main {
    /** The "code" of an item's JSON. */
    static String codeOf(String json) {
        int key = json.indexOf("\"code\"");
        int start = json.indexOf('"', json.indexOf(':', key) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        int count = Integer.parseInt(args[1]);
        int limit = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<String>> items = new ArrayList<>();
        // BEGIN SOLUTION
        // STARTER: // fetch url + "/items/" + n for n = 1..count, at most `limit` at once, into items
        Semaphore permits = new Semaphore(limit);
        for (int n = 1; n <= count; n++) {
            permits.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/items/" + n)).build();
            items.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(HttpResponse::body)
                    .whenComplete((body, error) -> permits.release()));
        }
        // END SOLUTION
        String last = items.isEmpty() ? "" : codeOf(items.getLast().join());
        items.forEach(CompletableFuture::join);
        System.out.println("Fetched " + count + " items; last code " + last);
    }
}
