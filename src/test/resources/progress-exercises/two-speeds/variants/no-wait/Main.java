public class Main {
    public static void main(String[] args) {
        System.out.println("hello");
        System.out.println("bye after " + args[0] + " ms");
    }
}
