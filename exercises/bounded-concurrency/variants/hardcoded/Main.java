// Mistake: prints the lines in batches of LIMIT without waiting at all.
public class Main {
    public static void main(String[] args) {
        int tasks = Integer.parseInt(args[0]);
        int limit = Integer.parseInt(args[1]);
        for (int first = 1; first <= tasks; first += limit) {
            int last = Math.min(tasks, first + limit - 1);
            for (int i = first; i <= last; i++) {
                System.out.println("start " + i);
            }
            for (int i = first; i <= last; i++) {
                System.out.println("end " + i);
            }
        }
        System.out.println("Done: " + tasks + " tasks");
    }
}
