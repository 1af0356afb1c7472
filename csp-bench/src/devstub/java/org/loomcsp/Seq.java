package org.loomcsp;

/** DEV STUB. */
public class Seq extends CSPProcess {
    public Seq(CSPProcess... ps) { super(() -> { for (CSPProcess p : ps) p.run(); }); }
}
