// loomcsp start-up script for jshell: the analogue of python-csp's interactive shell.
//   jshell --class-path csp-core/target/classes --startup DEFAULT --startup csp-core/src/main/jshell/loomcsp.jsh
// or simply: bin/loomcsp-shell
// The builtin processes (org.loomcsp.builtins) are imported by loomcsp-builtins.jsh, which
// bin/loomcsp-shell adds when they are on the class path.
import org.loomcsp.*;
import static org.loomcsp.Csp.*;
import org.loomcsp.trace.*;
import java.time.Duration;
