import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

// Mistake: prints the expected lines in the expected order, without waiting.
public class Main {
    static void log(String message) {
        System.out.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " - " + message);
    }

    public static void main(String[] args) {
        log("Fetching user data...");
        log("Fetching product catalog...");
        log("Product catalog fetched");
        log("User data fetched");
        log("Results: [User Data Retrieved, Product Catalog Retrieved]");
    }
}
