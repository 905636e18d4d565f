import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

// Mistake: fetches the user data, and only then the product catalog.
public class Main {
    static void log(String message) {
        System.out.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " - " + message);
    }

    static String fetchUserData() throws InterruptedException {
        log("Fetching user data...");
        Thread.sleep(2500);
        log("User data fetched");
        return "User Data Retrieved";
    }

    static String fetchProductCatalog() throws InterruptedException {
        log("Fetching product catalog...");
        Thread.sleep(1500);
        log("Product catalog fetched");
        return "Product Catalog Retrieved";
    }

    public static void main(String[] args) throws InterruptedException {
        String user = fetchUserData();
        String catalog = fetchProductCatalog();
        log("Results: " + List.of(user, catalog));
    }
}
