import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Main {
    static String codeOf(String json) {
        int key = json.indexOf("\"code\"");
        int start = json.indexOf('"', json.indexOf(':', key) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        int count = Integer.parseInt(args[1]);
        String last = "";
        for (int n = 1; n <= count; n++) {
            last = codeOf(client.send(HttpRequest.newBuilder(URI.create(args[0] + "/items/" + n)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
        System.out.println("Fetched " + count + " items; last code " + last);
    }
}
