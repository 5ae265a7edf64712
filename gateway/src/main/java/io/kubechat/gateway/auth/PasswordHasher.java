package io.kubechat.gateway.auth;

import io.kubechat.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** BCrypt ($2y$) through BouncyCastle. */
@ApplicationScoped
public class PasswordHasher {

    /** BCrypt uses the first 72 bytes only; longer passwords are refused rather than silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PASSWORD_LENGTH = 8;

    private final SecureRandom random = new SecureRandom();
    private final int cost;
    /** Checked against when the user does not exist, so a missing account takes as long as a wrong password. */
    private final String decoy;

    public PasswordHasher(GatewayConfig config) {
        this.cost = config.bcryptCost();
        this.decoy = hash("decoy-password-never-used".toCharArray());
    }

    public String hash(char[] password) {
        if (new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("passwords may be at most " + MAX_PASSWORD_BYTES + " bytes long");
        }
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("passwords must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password, salt, cost);
    }

    /** True when {@code password} matches {@code hash}; with a null hash, spends the same time and returns false. */
    public boolean matches(char[] password, String hash) {
        if (password.length == 0 || new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            OpenBSDBCrypt.checkPassword(decoy, "x".toCharArray());
            return false;
        }
        if (hash == null) {
            OpenBSDBCrypt.checkPassword(decoy, password);
            return false;
        }
        return OpenBSDBCrypt.checkPassword(hash, password);
    }
}
