// Endless loop: waits for a flag nobody sets.
public class Main {
    static volatile boolean done;

    public static void main(String[] args) {
        for (String arg : args) {
            System.out.println(arg.split(":")[0] + " started");
        }
        while (!done) {
            Thread.onSpinWait();
        }
    }
}
