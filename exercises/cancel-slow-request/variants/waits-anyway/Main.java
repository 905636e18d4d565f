import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

// Stops waiting on time, but the blocking request runs on in a pool thread that keeps the JVM alive.
public class Main {
    public static void main(String[] args) throws Exception {
        String url = args[0] + "/slow";
        System.out.println("Requesting " + url);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<String> answer = pool.submit(() -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body());
        try {
            System.out.println(answer.get(Math.round(Double.parseDouble(args[1]) * 1000), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            System.out.println("Gave up after " + args[1] + " s");
        }
        pool.shutdown();
        Thread.sleep(3000);
        System.out.println("Done");
    }
}
