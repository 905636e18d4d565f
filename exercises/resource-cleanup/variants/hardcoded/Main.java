/** Wrong on purpose: prints the example run's output at the right moments without opening anything. */
public class Main {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("open users");
        System.out.println("open orders");
        System.out.println("open stock");
        Thread.sleep(1000);
        System.out.println("orders: query ok");
        System.out.println("close orders");
        Thread.sleep(1000);
        System.out.println("users: query ok");
        System.out.println("close users");
        Thread.sleep(1000);
        System.out.println("stock: query ok");
        System.out.println("close stock");
        System.out.println("Done: 3 ok, 0 failed");
    }
}
