import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

// Waits for the full answer, then claims to have given up.
public class Main {
    public static void main(String[] args) throws Exception {
        String url = args[0] + "/slow";
        System.out.println("Requesting " + url);
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("Gave up after " + args[1] + " s");
        Thread.sleep(3000);
        System.out.println("Done");
    }
}
