import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

public class Main {
    public static void main(String[] args) throws Exception {
        String url = args[0] + "/slow";
        String timeout = args[1];
        System.out.println("Requesting " + url);
        // BEGIN SOLUTION
        // STARTER: // request url, waiting at most `timeout` seconds; then print "Gave up after <timeout> s"
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMillis(Math.round(Double.parseDouble(timeout) * 1000)))
                .build();
        try {
            System.out.println(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (HttpTimeoutException e) {
            System.out.println("Gave up after " + timeout + " s");
        }
        // END SOLUTION
        otherWork();
    }

    /** The program's other job, which keeps it running for 3 s after it gave up on the request. */
    static void otherWork() throws InterruptedException {
        Thread.sleep(3000);
        System.out.println("Done");
    }
}
