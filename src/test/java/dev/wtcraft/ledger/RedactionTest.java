package dev.wtcraft.ledger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every credential shape is found whatever else the line holds; a line without one comes back as it was. */
class RedactionTest {
    @Test
    void eachShapeIsRedactedUnderItsName() {
        assertEquals("Authorization: BeArEr [REDACTED:bearer-token]", Redaction.apply("Authorization: BeArEr abcdefghijklmnopqrstuvwx"));
        assertEquals("key [REDACTED:openai-key] and [REDACTED:anthropic-key]",
                Redaction.apply("key sk-abcdefghijklmnopqrstuvwxyz123456 and sk-ant-abcdefghijklmnopqrstuvwxyz"));
        assertEquals("[REDACTED:github-token] [REDACTED:github-token] [REDACTED:aws-access-key]",
                Redaction.apply("ghp_abcdefghijklmnopqrstuvwxyz0123456789 github_pat_abcdefghijklmnopqrstuvwxyz AKIAABCDEFGHIJKLMNOP"));
        assertEquals("[REDACTED:google-api-key] [REDACTED:slack-token]",
                Redaction.apply("AIzaSyA1234567890abcdefghijklmnopqrstuv xoxb-1234567890-abc"));
        assertEquals("jwt [REDACTED:jwt]", Redaction.apply("jwt eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4"));
        assertEquals("[REDACTED:private-key]", Redaction.apply("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"));
    }

    @Test
    void textThatOnlyLooksLikeTheStartOfOneStaysAsItIs() {
        String text = "plain text with xox, sk- and eyJ, a bearer, AKIA and ghp but no credential " + "x".repeat(900);
        assertEquals(text, Redaction.apply(text));
    }

    @Test
    void aRegisteredSecretIsRedactedByItsNameLongestFirst() {
        Redaction.secret("SHORT_TOKEN", "tok-abc");
        Redaction.secret("LONG_TOKEN", "tok-abcdef-123");
        assertEquals("a=[REDACTED:LONG_TOKEN] b=[REDACTED:SHORT_TOKEN]", Redaction.apply("a=tok-abcdef-123 b=tok-abc"));
    }

    @Test
    void theLinesOfAPrivateKeyInAStreamAreRedactedWhole() {
        Redaction.Lines lines = new Redaction.Lines();
        assertEquals("[REDACTED:private-key]", Redaction.apply(lines.apply("-----BEGIN OPENSSH PRIVATE KEY-----")));
        assertEquals("[REDACTED:private-key]", lines.apply("b3BlbnNzaC1rZXktdjEAAAAA"));
        assertEquals("[REDACTED:private-key]", lines.apply("-----END OPENSSH PRIVATE KEY-----"));
        assertEquals("after", lines.apply("after"));
    }
}
