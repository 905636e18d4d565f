// Mistake: decides the outcome by comparing the two numbers, without running or waiting for anything.
public class Main {
    public static void main(String[] args) {
        System.out.println("Waiting up to " + args[1] + "s");
        if (Double.parseDouble(args[0]) > Double.parseDouble(args[1])) {
            System.out.println("Operation timed out after " + args[1] + " seconds");
        } else {
            System.out.println("finally done");
        }
    }
}
