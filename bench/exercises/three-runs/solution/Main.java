public class Main {
    public static void main(String[] args) throws Exception {
        System.out.println("start");
        Thread.sleep(Math.round(Double.parseDouble(args[0]) * 1000));
        System.out.println("end");
    }
}
