import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

public class Main {
    /** The "title" of a post's JSON, e.g. {"id": 1, "title": "Post 1"} gives "Post 1". */
    static String titleOf(String json) {
        int key = json.indexOf("\"title\"");
        int start = json.indexOf('"', json.indexOf(':', key) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    public static void main(String[] args) {
        String url = args[0];
        HttpClient client = HttpClient.newHttpClient();
        // BEGIN SOLUTION
        // STARTER: // fetch url + "/posts/" + id for every id in args[1..] at once, then print the titles in order
        List<CompletableFuture<String>> posts = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/posts/" + args[i])).build();
            posts.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body));
        }
        for (CompletableFuture<String> post : posts) {
            System.out.println(titleOf(post.join()));
        }
        // END SOLUTION
    }
}
