package org.loomcsp;

import java.util.Iterator;
import java.util.function.Supplier;

/** DEV STUB. */
public class CSPServer extends CSPProcess {
    @FunctionalInterface public interface Step { boolean step() throws Exception; }
    public CSPServer(Step step, Object... args) { super(() -> { while (step.step()) { } }, args); }
    public CSPServer(Supplier<? extends Iterator<?>> steps, Object... args) {
        super(() -> { Iterator<?> it = steps.get(); while (it.hasNext()) it.next(); }, args);
    }
}
