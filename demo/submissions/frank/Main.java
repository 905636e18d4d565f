// Floods the output: prints in a loop that never ends.
public class Main {
    public static void main(String[] args) {
        long i = 0;
        while (true) {
            System.out.println("A started " + i++);
        }
    }
}
