package dev.dorisccr.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void columnsArePaddedToTheWidestCellWithoutTrailingBlanks() {
        String t = TextTable.withHeaders("JOB", "STATE", "LAG").row("a-long-name", "running", "3").row("b", "", "")
                .render();

        assertThat(t).isEqualTo("JOB          STATE    LAG\na-long-name  running  3\nb\n");
    }

    @Test
    void keyValuesHaveNoHeaderAndCountTheirRows() {
        TextTable t = TextTable.keyValues().row("job", "j").row("caught up", "yes");

        assertThat(t.size()).isEqualTo(2);
        assertThat(t.render()).isEqualTo("job        j\ncaught up  yes\n");
        assertThat(TextTable.withHeaders("JOB").size()).isZero();
        assertThat(TextTable.keyValues().render()).isEmpty();
    }

    @Test
    void wideCharactersCountAsOneCodePoint() {
        assertThat(TextTable.keyValues().row("\uD83D\uDE00", "x").row("ab", "y").render()).isEqualTo("\uD83D\uDE00   x\nab  y\n");
    }

    @Test
    void controlCharactersAreEscapedNotSentToTheTerminal() {
        assertThat(TextTable.safe("line1\nline2\ttab\r\u001b[2Jend\u007f")).isEqualTo("line1\\nline2\\ttab\\r\\x1b[2Jend\\x7f");
        assertThat(TextTable.safe("plain")).isEqualTo("plain");
        assertThat(TextTable.keyValues().row("error", "a\nb").render()).isEqualTo("error  a\\nb\n");
    }

    @Test
    void tooManyCellsIsAnError() {
        assertThatThrownBy(() -> TextTable.withHeaders("A").row("1", "2")).isInstanceOf(IllegalArgumentException.class);
    }
}
