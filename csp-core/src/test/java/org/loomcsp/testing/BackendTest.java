package org.loomcsp.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loomcsp.Backend;

/**
 * Runs a test once per {@link Backend}. The test method takes the {@code Backend} as its
 * parameter; {@link BackendExtension} makes it the default backend for the test's duration, so
 * every process the test starts runs on it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(Backend.class)
@ExtendWith(BackendExtension.class)
public @interface BackendTest {}
