package org.loomcsp.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import java.lang.reflect.Method;
import org.loomcsp.Backend;
import org.loomcsp.Csp;

/** Sets {@link Csp#setBackend(Backend)} from the test's {@code Backend} argument. */
public final class BackendExtension implements InvocationInterceptor, AfterEachCallback {

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> context, ExtensionContext extensionContext)
            throws Throwable {
        for (Object a : context.getArguments()) {
            if (a instanceof Backend b) {
                Csp.setBackend(b);
            }
        }
        invocation.proceed();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Csp.setBackend(Backend.VIRTUAL);
    }
}
