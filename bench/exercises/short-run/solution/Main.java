public class Main {
    public static void main(String[] args) throws Exception {
        Thread[] tasks = new Thread[2];
        for (int i = 0; i < 2; i++) {
            int t = i + 1;
            tasks[i] = Thread.ofVirtual().start(() -> {
                System.out.println("task " + t + " started");
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                System.out.println("task " + t + " finished");
            });
        }
        for (Thread t : tasks) {
            t.join();
        }
    }
}
