/**
 * A user's module. {@code opens ... to org.loomcsp} lets loomcsp see the channels a process's
 * lambda captures (they are the lambda's private fields), so that poison reaches them without
 * listing them; see docs/imports.md.
 */
module org.example.consumer {
    requires org.loomcsp;

    opens org.example.consumer to org.loomcsp;
}
