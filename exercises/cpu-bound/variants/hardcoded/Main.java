/** Wrong on purpose: prints the example run's results without computing anything. */
public class Main {
    public static void main(String[] args) {
        System.out.println("Using 4 worker threads");
        System.out.println("start A");
        System.out.println("start B");
        System.out.println("start C");
        System.out.println("start D");
        System.out.println("done D: 1066666");
        System.out.println("start E");
        System.out.println("done B: 2133334");
        System.out.println("start F");
        System.out.println("done C: 3200000");
        System.out.println("done F: 2133334");
        System.out.println("done A: 4266666");
        System.out.println("done E: 4266666");
        System.out.println("Total: 17066666");
    }
}
