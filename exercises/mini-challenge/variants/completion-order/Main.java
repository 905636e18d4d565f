import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

// Mistake: runs both fetches concurrently but collects the results in the order they finish,
// so the product catalog (the quicker one) comes first in the results.
public class Main {
    static void log(String message) {
        System.out.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " - " + message);
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> results = new CopyOnWriteArrayList<>();
        Thread user = Thread.startVirtualThread(() -> {
            log("Fetching user data...");
            sleep(2500);
            log("User data fetched");
            results.add("User Data Retrieved");
        });
        Thread catalog = Thread.startVirtualThread(() -> {
            log("Fetching product catalog...");
            sleep(1500);
            log("Product catalog fetched");
            results.add("Product Catalog Retrieved");
        });
        user.join();
        catalog.join();
        log("Results: " + results);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
