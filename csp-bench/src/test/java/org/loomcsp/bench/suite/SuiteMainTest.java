package org.loomcsp.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuiteMainTest {
    @Test
    void aCommittedReportCarriesNoPathOfTheMeasuringMachinesJvm() {
        String jmh = """
                [
                    {
                        "jmhVersion" : "1.37",
                        "benchmark" : "org.loomcsp.bench.CommsTimeBenchmark.seqDelta",
                        "jvm" : "/opt/jdks/jdk-25/bin/java",
                        "jvmArgs" : [ "-Xms2g" ]
                    },
                    {
                        "jvm":"C:\\\\jdk\\\\bin\\\\java.exe",
                        "jdkVersion" : "25.0.3"
                    }
                ]
                """;
        String out = SuiteMain.withoutJvmPath(jmh);
        assertThat(out).doesNotContain("/opt/jdks").doesNotContain("java.exe")
                .contains("\"jvm\" : \"java\"", "\"jvm\":\"java\"", "\"jvmArgs\" : [ \"-Xms2g\" ]", "\"jdkVersion\" : \"25.0.3\"");
    }
}
