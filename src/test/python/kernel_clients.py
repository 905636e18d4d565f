"""Drives the async-grader Jupyter kernel with Jupyter's own clients (Debian's python3-jupyter-client, nbclient,
jupyter_kernel_test) and checks what they see. Run by dev.asyncgrader.kernel.JupyterKernelClientsTest:

    /usr/bin/python3 kernel_clients.py SCENARIO EXERCISES_DIR

with JUPYTER_PATH pointing at a prefix where `install-kernel --prefix` put the kernelspec. Exits 0 when the scenario
holds; otherwise an AssertionError says what the client saw.
"""
import json
import os
import sys
import time
import unittest
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL = "async-grader"
EXERCISES = sys.argv[2] if len(sys.argv) > 2 else "exercises"


def start():
    return start_new_kernel(kernel_name=KERNEL, startup_timeout=120)


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def run(km, kc, code, timeout=120, interrupt_after=None):
    """Executes code; returns (iopub messages with client arrival times, the execute_reply content)."""
    msg_id = kc.execute(code)
    sent_at = time.monotonic()
    interrupted = False
    msgs = []
    while True:
        if interrupt_after is not None and not interrupted and time.monotonic() - sent_at > interrupt_after:
            km.interrupt_kernel()
            interrupted = True
        try:
            m = kc.get_iopub_msg(timeout=0.1)
        except Empty:
            assert time.monotonic() - sent_at < timeout, f"no idle within {timeout} s for {code!r}: {msgs}"
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append((time.monotonic(), m))
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    return msgs, shell_reply(kc, msg_id, timeout)


def shell_reply(kc, msg_id, timeout=30):
    """The shell reply to msg_id (skipping late answers to start-up's repeated kernel_info requests)."""
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def of_type(msgs, msg_type):
    return [m for _, m in msgs if m["msg_type"] == msg_type]


def result_text(msgs):
    results = of_type(msgs, "execute_result")
    return results[0]["content"]["data"]["text/plain"] if results else None


def state_across_cells():
    km, kc = start()
    try:
        _, reply = run(km, kc, "int x = 41;")
        assert reply["status"] == "ok", reply
        msgs, reply = run(km, kc, "x + 1")
        assert result_text(msgs) == "42", msgs
        run(km, kc, "int twice(int n) { return 2 * n; }\nrecord Pair(String a, int b) {}")
        msgs, _ = run(km, kc, "new Pair(\"p\", twice(x)).b()")
        assert result_text(msgs) == "82", msgs
        msgs, _ = run(km, kc, "import java.util.concurrent.*;\nvar f = CompletableFuture.supplyAsync(() -> 7);\nf.join()")
        assert result_text(msgs) == "7", msgs
        # Every request is wrapped in busy/idle with the request as parent, and execute_input comes first.
        types = [m["msg_type"] for _, m in msgs]
        assert types[0] == "status" and msgs[0][1]["content"]["execution_state"] == "busy", types
        assert types[1] == "execute_input", types
    finally:
        stop(km, kc)


def streaming_timing():
    km, kc = start()
    try:
        msgs, reply = run(
            km, kc, 'System.out.println("first"); Thread.sleep(1000); System.out.println("second");'
        )
        assert reply["status"] == "ok", reply
        streams = [(t, m["content"]) for t, m in msgs if m["msg_type"] == "stream"]
        assert [s["text"] for _, s in streams] == ["first\n", "second\n"], streams
        assert all(s["name"] == "stdout" for _, s in streams), streams
        gap = streams[1][0] - streams[0][0]
        # Printed a second apart, so they arrive a second apart: output is sent per line, not per cell.
        assert 0.9 <= gap <= 2.0, f"the two lines arrived {gap:.2f} s apart"
        msgs, _ = run(km, kc, 'System.err.println("oops");')
        streams = of_type(msgs, "stream")
        assert streams and streams[0]["content"]["name"] == "stderr", msgs
        # A thread the cell leaves running prints after the cell ended: it shows under that cell, when printed.
        code = (
            "java.util.concurrent.CompletableFuture.runAsync(() -> {\n"
            "    try { Thread.sleep(1000); } catch (InterruptedException e) {}\n"
            '    System.out.println("later");\n'
            "});"
        )
        msg_id = kc.execute(code)
        ended = None
        later = None
        deadline = time.monotonic() + 10
        while later is None and time.monotonic() < deadline:
            try:
                m = kc.get_iopub_msg(timeout=0.1)
            except Empty:
                continue
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                ended = time.monotonic()
            if m["msg_type"] == "stream" and m["content"]["text"] == "later\n":
                later = time.monotonic()
        assert ended is not None and later is not None, (ended, later)
        assert 0.6 <= later - ended <= 2.0, f"printed {later - ended:.2f} s after the cell ended"
    finally:
        stop(km, kc)


def errors():
    km, kc = start()
    try:
        msgs, reply = run(km, kc, "int y = \"text\";")
        assert reply["status"] == "error" and reply["ename"] == "CompilationError", reply
        assert "incompatible types" in reply["evalue"], reply
        assert of_type(msgs, "error")[0]["content"]["traceback"], msgs
        msgs, reply = run(km, kc, "1 / 0")
        assert reply["status"] == "error", reply
        assert reply["ename"] == "java.lang.ArithmeticException" and reply["evalue"] == "/ by zero", reply
        assert "ArithmeticException" in reply["traceback"][0], reply
        msgs, reply = run(km, kc, 'throw new IllegalStateException("boom");')
        assert reply["ename"] == "java.lang.IllegalStateException" and reply["evalue"] == "boom", reply
        # A cell stops at its first error: the line after it does not run.
        msgs, reply = run(km, kc, 'int z = 1 / 0;\nSystem.out.println("after");')
        assert reply["status"] == "error" and not of_type(msgs, "stream"), msgs
        # A cell that ends its JVM gets a fresh one, and is told so.
        _, reply = run(km, kc, "System.exit(3);")
        assert reply["status"] == "error" and reply["ename"] == "CellJvmEnded" and "exit code 3" in reply["evalue"], reply
        msgs, _ = run(km, kc, "1 + 1")
        assert result_text(msgs) == "2", msgs
    finally:
        stop(km, kc)


def interrupt():
    km, kc = start()
    try:
        run(km, kc, "int kept = 5;")
        for cell in ["while (true) {}", "Thread.sleep(60_000);"]:
            started = time.monotonic()
            msgs, reply = run(km, kc, cell, timeout=30, interrupt_after=1.0)
            took = time.monotonic() - started
            assert reply["status"] == "error" and reply["ename"] == "Interrupted", reply
            assert took < 1.0 + 5.0, f"{cell!r} stopped {took - 1.0:.1f} s after the interrupt"
            msgs, _ = run(km, kc, "1 + 1")
            assert result_text(msgs) == "2", msgs
        msgs, _ = run(km, kc, "kept")
        assert result_text(msgs) == "5", msgs  # stopped without losing the session
        # Printing a 40-million-bit number in decimal takes minutes inside the JDK, where no stop check reaches:
        # the JVM is replaced.
        started = time.monotonic()
        msgs, reply = run(
            km, kc, "java.math.BigInteger.ONE.shiftLeft(40_000_000).toString().length()", timeout=30, interrupt_after=1.0
        )
        took = time.monotonic() - started
        assert reply["status"] == "error" and reply["ename"] == "Interrupted", reply
        assert took < 1.0 + 8.0, f"stopped {took - 1.0:.1f} s after the interrupt"
        said = "".join(m["content"]["text"] for m in of_type(msgs, "stream"))
        assert "fresh one started" in said, msgs
        msgs, _ = run(km, kc, "1 + 1")
        assert result_text(msgs) == "2", msgs
        _, reply = run(km, kc, "kept")
        assert reply["status"] == "error", reply  # the fresh JVM has no earlier state, as the output said
    finally:
        stop(km, kc)


def interrupt_grade():
    """An interrupt ends a %%grade while its runs go (the reference's example run takes 3 s)."""
    km, kc = start()
    try:
        with open(os.path.join(EXERCISES, "finish-order", "variants", "sequential", "Main.java")) as f:
            source = f.read()
        started = time.monotonic()
        msgs, reply = run(km, kc, "%%grade finish-order\n" + source, timeout=120, interrupt_after=2.0)
        took = time.monotonic() - started
        assert reply["status"] == "error" and reply["ename"] == "Interrupted", reply
        assert took < 2.0 + 5.0, f"stopped {took - 2.0:.1f} s after the interrupt"
        assert not of_type(msgs, "display_data"), msgs
        msgs, _ = run(km, kc, "1 + 1")
        assert result_text(msgs) == "2", msgs
    finally:
        stop(km, kc)


def restart():
    km, kc = start()
    try:
        run(km, kc, "int before = 1;")
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=120)
        _, reply = run(km, kc, "before")
        assert reply["status"] == "error" and reply["ename"] == "CompilationError", reply
        msgs, _ = run(km, kc, "1 + 1")
        assert result_text(msgs) == "2", msgs
    finally:
        stop(km, kc)


def is_complete_and_complete():
    km, kc = start()
    try:
        def completeness(code):
            return shell_reply(kc, kc.is_complete(code))

        assert completeness("int a = 1;")["status"] == "complete"
        incomplete = completeness("for (int i = 0; i < 3; i++) {")
        assert incomplete["status"] == "incomplete" and "indent" in incomplete, incomplete
        assert completeness("%%grade finish-order\npublic class Main {")["status"] == "complete"
        run(km, kc, "int myCounter = 3;\nString myGreeting() { return \"hi\"; }")
        code = "myC"
        reply = shell_reply(kc, kc.complete(code, len(code)))
        assert reply["status"] == "ok" and "myCounter" in reply["matches"], reply
        assert reply["cursor_start"] == 0 and reply["cursor_end"] == 3, reply
        code = "int n = myCounter + myG"
        reply = shell_reply(kc, kc.complete(code, len(code)))
        assert any(m.startswith("myGreeting(") for m in reply["matches"]), reply
        assert reply["cursor_start"] == len("int n = myCounter + "), reply
        reply = shell_reply(kc, kc.inspect("Math.max"))
        assert reply["found"] and "int Math.max(int a, int b)" in reply["data"]["text/plain"], reply
        reply = shell_reply(kc, kc.inspect("myGreeting"))
        assert reply["found"] and "String myGreeting()" in reply["data"]["text/plain"], reply
        reply = shell_reply(kc, kc.inspect("  "))
        assert reply["status"] == "ok" and not reply["found"], reply
    finally:
        stop(km, kc)


def grade(variant):
    km, kc = start()
    try:
        folder = "solution" if variant == "solution" else f"variants/{variant}"
        with open(os.path.join(EXERCISES, "finish-order", folder, "Main.java")) as f:
            source = f.read()
        msgs, reply = run(km, kc, "%%grade finish-order\n" + source, timeout=300)
        assert reply["status"] == "ok", reply
        shown = of_type(msgs, "display_data")
        assert len(shown) == 1, msgs
        data = shown[0]["content"]["data"]
        markdown = data["text/markdown"]
        assert "<svg" in data["image/svg+xml"] and "Reference solution" in data["image/svg+xml"], data.keys()
        # No hidden run's arguments (hidden-1 waits slow:2.5, fast:0.5, ...) appear in what the student sees.
        assert "slow" not in markdown and "hidden-1" not in markdown, markdown
        return markdown
    finally:
        stop(km, kc)


def grade_correct():
    markdown = grade("solution")
    assert "**14 / 14**" in markdown, markdown


def grade_sequential():
    markdown = grade("sequential")
    assert "**14 / 14**" not in markdown and "/ 14**" in markdown, markdown
    score = float(markdown.split("**")[1].split(" / ")[0])
    assert score < 14, markdown
    assert "Start all tasks first" in markdown, markdown  # the failed check's student feedback


def magics():
    km, kc = start()
    try:
        msgs, _ = run(km, kc, "%exercises")
        assert "finish-order" in of_type(msgs, "display_data")[0]["content"]["data"]["text/markdown"], msgs
        _, reply = run(km, kc, "%starter finish-order")
        payload = reply["payload"][0]
        assert payload["source"] == "set_next_input", payload
        assert payload["text"].startswith("%%grade finish-order\n") and "class Main" in payload["text"], payload
        msgs, reply = run(km, kc, "%%grade finish-order\npublic class Main { int x = }")
        markdown = of_type(msgs, "display_data")[0]["content"]["data"]["text/markdown"]
        assert "**0 / 14** (compile_error)" in markdown and "Main.java:1:" in markdown, markdown
        _, reply = run(km, kc, "%starter no-such-exercise")
        assert reply["status"] == "error" and "no-such-exercise" in reply["evalue"], reply
        with open(os.path.join(EXERCISES, "finish-order", "solution", "Main.java")) as f:
            source = f.read()
        msgs, reply = run(km, kc, "%%run finish-order\n" + source, timeout=120)
        lines = [(t, m["content"]["text"]) for t, m in msgs if m["msg_type"] == "stream"]
        finished = [(t, text) for t, text in lines if "finished after" in text]
        assert len(finished) == 3, lines
        # Streamed as printed: B (1 s) arrives about two seconds before A (3 s).
        b = next(t for t, text in finished if text.startswith("[example") and "B finished" in text)
        a = next(t for t, text in finished if "A finished" in text)
        assert 1.5 <= a - b <= 3.0, f"B and A arrived {a - b:.2f} s apart"
    finally:
        stop(km, kc)


def sandbox():
    km, kc = start()
    try:
        grader_file = os.path.abspath(os.path.join(EXERCISES, "finish-order", "exercise.yaml"))
        _, reply = run(km, kc, f'java.nio.file.Files.readString(java.nio.file.Path.of("{grader_file}"))')
        assert reply["status"] == "error" and "NoSuchFileException" in reply["ename"], reply
        msgs, _ = run(km, kc, "ProcessHandle.current().pid()")
        kernel_pid = km.provisioner.process.pid
        assert result_text(msgs) != str(kernel_pid), (result_text(msgs), kernel_pid)
        tree = descendants(kernel_pid)
        assert tree, "the kernel started no cell JVM"
        assert all("bwrap" in cmdline(p) or "java" in cmdline(p) or "sh" in cmdline(p) for p in tree), tree
        assert any("bwrap" in cmdline(p) for p in tree), [cmdline(p) for p in tree]
    finally:
        stop(km, kc)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (alive(kernel_pid) or any(alive(p) for p in tree)):
        time.sleep(0.2)
    assert not alive(kernel_pid), "the kernel outlived its shutdown"
    assert not any(alive(p) for p in tree), [cmdline(p) for p in tree if alive(p)]


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError):
                pass
    found, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            found.append(c)
            todo.append(c)
    return found


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def signatures():
    """A request signed with the wrong key is ignored; the same request rightly signed is answered."""
    import zmq
    from jupyter_client.session import Session

    km, kc = start()
    try:
        info = km.get_connection_info()
        assert info["key"], "the kernel was started without a key"
        ctx = zmq.Context()
        shell = ctx.socket(zmq.DEALER)
        shell.linger = 0
        shell.connect(f"tcp://{info['ip']}:{info['shell_port']}")
        iopub = ctx.socket(zmq.SUB)
        iopub.linger = 0
        iopub.setsockopt(zmq.SUBSCRIBE, b"")
        iopub.connect(f"tcp://{info['ip']}:{info['iopub_port']}")
        time.sleep(0.5)
        content = {"code": "1 + 1", "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False}
        wrong = Session(key=b"not-the-key", username="test")
        wrong.send(shell, "execute_request", content)
        poller = zmq.Poller()
        poller.register(shell, zmq.POLLIN)
        assert not poller.poll(3000), "the kernel answered a wrongly signed request"
        right = Session(key=info["key"], username="test")
        sent = right.send(shell, "execute_request", content)
        assert poller.poll(30000), "no answer to a rightly signed request"
        idents, msg = right.feed_identities(shell.recv_multipart())
        reply = right.deserialize(msg)  # checks the kernel's signature too
        assert reply["parent_header"]["msg_id"] == sent["header"]["msg_id"], reply
        assert reply["content"]["status"] == "ok", reply
        # The kernel's own messages on iopub are signed with the key.
        deadline = time.monotonic() + 10
        seen = []
        while time.monotonic() < deadline:
            if iopub.poll(500):
                _, frames = right.feed_identities(iopub.recv_multipart())
                m = right.deserialize(frames)
                seen.append(m["msg_type"])
                if m["msg_type"] == "execute_result":
                    assert m["content"]["data"]["text/plain"] == "2", m
                    break
        assert "execute_result" in seen, seen
        ctx.destroy(linger=0)
    finally:
        stop(km, kc)


def conformance():
    import jupyter_kernel_test

    class AsyncGraderKernelTests(jupyter_kernel_test.KernelTests):
        kernel_name = KERNEL
        language_name = "java"
        file_extension = ".java"
        code_hello_world = 'System.out.println("hello, world");'
        code_stderr = 'System.err.println("an error");'
        completion_samples = [{"text": "Syst", "matches": {"System"}}]
        complete_code_samples = ["int a = 1;", "System.out.println(1);", "class A {}"]
        incomplete_code_samples = ["int f() {", "for (int i = 0; i < 3; i++) {"]
        code_generate_error = 'throw new RuntimeException("expected");'
        code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": '"a" + "b"', "result": '"ab"'}]
        code_inspect_sample = "Math.max"

        @classmethod
        def setUpClass(cls):
            cls.km, cls.kc = start()

    suite = unittest.defaultTestLoader.loadTestsFromTestCase(AsyncGraderKernelTests)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    assert result.wasSuccessful(), result
    skipped = {test.id().rsplit(".", 1)[-1] for test, _ in result.skipped}
    required = {"test_kernel_info", "test_execute_stdout", "test_execute_stderr", "test_execute_result", "test_error",
                "test_is_complete", "test_completion", "test_inspect"}
    assert not required & skipped, f"skipped: {required & skipped}"


def notebook():
    import nbformat
    from nbclient import NotebookClient

    with open(os.path.join(EXERCISES, "finish-order", "solution", "Main.java")) as f:
        solution = f.read()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Finish order"),
        nbformat.v4.new_code_cell("int waits = 3;"),
        nbformat.v4.new_code_cell('for (int i = 1; i <= waits; i++) System.out.println("line " + i);'),
        nbformat.v4.new_code_cell("%%grade finish-order\n" + solution),
    ]
    NotebookClient(nb, kernel_name=KERNEL, timeout=300, startup_timeout=120).execute()
    out = nb.cells[2].outputs
    assert out and out[0]["output_type"] == "stream" and "".join(o["text"] for o in out) == "line 1\nline 2\nline 3\n", out
    graded = nb.cells[3].outputs
    assert graded and graded[0]["output_type"] == "display_data", graded
    assert "**14 / 14**" in graded[0]["data"]["text/markdown"], graded


def starter_notebook():
    """nbclient runs the generated starter notebook (STARTER_NOTEBOOK) with a correct and a sequential solution."""
    import nbformat
    from nbclient import NotebookClient

    scores = {}
    for variant, folder in [("correct", "solution"), ("sequential", "variants/sequential")]:
        nb = nbformat.read(os.environ["STARTER_NOTEBOOK"], as_version=4)
        grade_cell = nb.cells[1]
        assert grade_cell.source.startswith("%%grade finish-order\n"), grade_cell.source
        with open(os.path.join(EXERCISES, "finish-order", folder, "Main.java")) as f:
            grade_cell.source = "%%grade finish-order\n" + f.read()
        NotebookClient(nb, kernel_name=KERNEL, timeout=300, startup_timeout=120).execute()
        markdown = grade_cell.outputs[0]["data"]["text/markdown"]
        scores[variant] = float(markdown.split("**")[1].split(" / ")[0])
    assert scores["correct"] == 14, scores
    assert scores["sequential"] < 14, scores


def console():
    """jupyter-console, fed two cells on its standard input, shows the second one's value."""
    import subprocess

    done = subprocess.run(
        ["/usr/bin/jupyter-console", f"--kernel={KERNEL}", "--simple-prompt"],
        input="int a = 20;\na * 2 + 2\n", capture_output=True, text=True, timeout=180,
    )
    assert "Out[2]: 42" in done.stdout, done.stdout + done.stderr


SCENARIOS = {f.__name__: f for f in [
    state_across_cells, streaming_timing, errors, interrupt, interrupt_grade, restart, is_complete_and_complete, grade_correct,
    grade_sequential, magics, sandbox, signatures, conformance, notebook, starter_notebook, console,
]}

if __name__ == "__main__":
    SCENARIOS[sys.argv[1]]()
    print(f"{sys.argv[1]}: passed")
