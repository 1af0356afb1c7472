// Imports loomcsp's builtin processes; load it after loomcsp.jsh when they are on the class path.
import org.loomcsp.builtins.*;
