package dev.wtcraft.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The token shapes of the common services, and secrets of several lines, wherever and however they appear. */
class RedactionShapesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            gitlab-token       => token glpat-AbCdEfGhIjKlMnOpQrSt12 end
            gitlab-token       => deploy gldt-AbCdEfGhIjKlMnOpQrSt12
            gitlab-token       => runner glrt-AbCdEfGhIjKlMnOpQrSt12
            npm-token          => //registry.npmjs.org/:_authToken=npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789
            slack-token        => refresh xoxe-1-AbCdEfGhIjKlMnOpQrStUvWx
            slack-token        => config xoxe.xoxp-1-AbCdEfGhIjKlMnOp
            slack-token        => bot xoxb-1234567890-abcdefghij
            slack-webhook      => https://hooks.slack.com/services/T0000000/B0000000/AbCdEfGhIjKlMnOpQrStUvWx
            azure-storage-key  => DefaultEndpointsProtocol=https;AccountName=x;AccountKey=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQr==;EndpointSuffix=core.windows.net
            azure-storage-key  => Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd=
            azure-storage-key  => https://x.blob.core.windows.net/c?sv=2022-11-02&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEf%3D
            azure-client-secret => AZURE_CLIENT_SECRET=abc8Q~AbCdEfGhIjKlMnOpQrStUvWxYz01234
            google-oauth       => client_secret GOCSPX-AbCdEfGhIjKlMnOpQrStUvWxYz01
            google-oauth       => access ya29.AbCdEfGhIjKlMnOpQrStUvWxYz
            gcp-private-key-id => "private_key_id": "0123456789abcdef0123456789abcdef01234567",
            aws-secret-key     => aws_secret_access_key = AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd
            aws-secret-key     => AWS_SECRET_ACCESS_KEY=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd
            stripe-key         => sk_live_AbCdEfGhIjKlMnOpQrStUvWx
            huggingface-token  => hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh
            docker-token       => dckr_pat_AbCdEfGhIjKlMnOpQrStUvWxYz
            digitalocean-token => dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            sendgrid-key       => SG.AbCdEfGhIjKlMnOpQrStUv.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG
            vault-token        => VAULT_TOKEN=hvs.AbCdEfGhIjKlMnOpQrStUvWxYz
            age-secret-key     => AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ
            url-password       => git clone https://builder:s3cr3t-passw0rd@git.example.com/x.git
            basic-auth         => Authorization: Basic dXNlcjpwYXNzd29yZA==
            """)
    void eachShapeIsRedactedUnderItsName(String name, String line) {
        String out = Redaction.apply(line);
        assertEquals(true, out.contains("[REDACTED:" + name + "]"), out);
    }

    @Test
    void aUrlKeepsItsUserAndHostAndLosesOnlyThePassword() {
        assertEquals("https://builder:[REDACTED:url-password]@git.example.com/x.git",
                Redaction.apply("https://builder:s3cr3t@git.example.com/x.git"));
        assertEquals("see https://example.com/a:b/c@d and ssh://git@host:22/x",
                Redaction.apply("see https://example.com/a:b/c@d and ssh://git@host:22/x"));
    }

    @Test
    void theSeparatorOfAnAwsSecretStays() {
        assertEquals("aws_secret_access_key = [REDACTED:aws-secret-key]",
                Redaction.apply("aws_secret_access_key = AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd"));
    }

    @Test
    void everyLineOfAMultiLineSecretIsRedactedOnItsOwnAndAsJsonEscapesIt() {
        String value = "{\n  \"type\": \"service_account\",\n  \"client_email\": \"bot@p.iam.gserviceaccount.com\",\n  \"token\": \"tk-8c1f\\\"q9\"\n}\n";
        Redaction.secret("SA_JSON", value);
        assertEquals("[REDACTED:SA_JSON]", Redaction.apply(value));
        assertEquals("line: [REDACTED:SA_JSON]", Redaction.apply("line: \"client_email\": \"bot@p.iam.gserviceaccount.com\","));
        assertEquals("    [REDACTED:SA_JSON]", Redaction.apply("    \"type\": \"service_account\","));
        String escaped = "{\"text\":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
        assertFalse(Redaction.apply(escaped).contains("gserviceaccount"), Redaction.apply(escaped));
        assertFalse(Redaction.apply(escaped).contains("tk-8c1f"), Redaction.apply(escaped));
    }

    @Test
    void manySecretsAreFoundInOnePassLongestFirst() {
        for (int i = 0; i < 200; i++) {
            Redaction.secret("MANY_" + i, "many-secret-" + i + "-xyz");
        }
        assertEquals("a [REDACTED:MANY_12] b [REDACTED:MANY_120] c [REDACTED:MANY_199]",
                Redaction.apply("a many-secret-12-xyz b many-secret-120-xyz c many-secret-199-xyz"));
    }

    @Test
    void declaredSecretsAreRegisteredFromAnEnvironmentForADocumentShownBeforeARun() {
        Redaction.secrets(List.of("PLAN_TOKEN", "PLAN_UNSET"), Map.of("PLAN_TOKEN", "plan-tok-4471aa", "OTHER", "x"));
        assertEquals("curl -H 'X-Token: [REDACTED:PLAN_TOKEN]'", Redaction.apply("curl -H 'X-Token: plan-tok-4471aa'"));
    }

    @Test
    void textWithOnlyTheAnchorsStaysAsItIs() {
        String text = "npm_ glpat- sig=abc Q~ ya29. 1//0 hf_ SG. dapi :AA :// user@host AccountKey= sk_live_ hvs. " + "x".repeat(500);
        assertEquals(text, Redaction.apply(text));
    }
}
