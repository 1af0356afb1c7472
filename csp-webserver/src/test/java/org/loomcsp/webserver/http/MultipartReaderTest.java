package org.loomcsp.webserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
    /** Delivers at most {@code n} bytes per read, to exercise delimiters split across reads. */
    static InputStream trickle(byte[] data, int n) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, n));
            }
        };
    }

    @Test
    void partsAreStreamedWhateverTheReadSizes() throws IOException {
        String body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nfirst\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\r\n--XyZ-lookalike\r\n\r\n"
                + "--XyZ--\r\nepilogue";
        for (int chunk : new int[] {1, 2, 3, 7, 64, 4096}) {
            MultipartReader mr = new MultipartReader(trickle(body.getBytes(StandardCharsets.UTF_8), chunk), "XyZ", 1024);
            MultipartReader.Part a = mr.next();
            assertThat(a.name()).isEqualTo("a");
            assertThat(a.filename()).isNull();
            assertThat(new String(a.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
            MultipartReader.Part f = mr.next();
            assertThat(f.filename()).isEqualTo("x.bin");
            assertThat(new String(f.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("--XyZ-lookalike\r\n");
            assertThat(mr.next()).isNull();
        }
    }

    @Test
    void aBodyWithoutItsClosingDelimiterIsAnError() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\nabc";
        MultipartReader mr = new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "b", 1024);
        assertThatThrownBy(() -> mr.next().content().readAllBytes()).isInstanceOf(IOException.class);
    }

    @Test
    void theBoundaryComesFromTheContentType() {
        assertThat(MultipartReader.boundaryOf("multipart/form-data; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(MultipartReader.boundaryOf("Multipart/Form-Data;boundary=xyz")).isEqualTo("xyz");
        assertThat(MultipartReader.boundaryOf("text/plain; boundary=xyz")).isNull();
        assertThat(MultipartReader.boundaryOf("multipart/form-data")).isNull();
    }
}
