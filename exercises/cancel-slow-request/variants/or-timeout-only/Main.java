import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

// Stops waiting on time with orTimeout, but the request itself runs on: the service still has it open while
// the program does its other work, until the JVM ends.
public class Main {
    public static void main(String[] args) throws Exception {
        String url = args[0] + "/slow";
        System.out.println("Requesting " + url);
        HttpClient client = HttpClient.newHttpClient();
        try {
            System.out.println(client.sendAsync(
                            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .orTimeout(Math.round(Double.parseDouble(args[1]) * 1000), TimeUnit.MILLISECONDS)
                    .join()
                    .body());
        } catch (CompletionException e) {
            System.out.println("Gave up after " + args[1] + " s");
        }
        Thread.sleep(3000);
        System.out.println("Done");
    }
}
