// loomcsp start-up script for jshell: the analogue of python-csp's interactive shell.
//   jshell --class-path csp-core/target/classes --startup DEFAULT --startup csp-core/src/main/jshell/loomcsp.jsh
// or simply: bin/loomcsp-shell
// The builtin processes (org.loomcsp.builtins) are imported by loomcsp-builtins.jsh, which
// bin/loomcsp-shell adds when they are on the class path.
import org.loomcsp.*;
import static org.loomcsp.Csp.*;
import org.loomcsp.trace.*;
import java.time.Duration;
// jshell's DEFAULT start-up imports java.util.*, whose Timer would make "Timer" ambiguous with
// org.loomcsp.*: a single-type import wins over both on-demand imports (docs/imports.md).
import org.loomcsp.Timer;
import org.loomcsp.Channel;
import static org.loomcsp.Unchecked.*;
