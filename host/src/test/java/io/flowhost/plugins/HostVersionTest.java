package io.flowhost.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostVersionTest {

    @Test
    void hostVersionIsTheMavenProjectVersion() {
        assertThat(HostVersion.hostVersion()).matches("\\d+\\.\\d+\\.\\d+.*").isNotEqualTo("0.0.0");
    }

    @Test
    void unfilteredOrMissingVersionMeansUnknown() {
        assertThat(HostVersion.parse("${project.version}")).isEqualTo("0.0.0");
        assertThat(HostVersion.parse(null)).isEqualTo("0.0.0");
        assertThat(HostVersion.parse(" 1.2.3 ")).isEqualTo("1.2.3");
    }
}
