package io.kubechat.gateway.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.kubechat.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets (Bucket4j) per user, per client address, for sign-ins per address and for failed sign-ins per
 * account. Buckets are per replica: a limit holds for each gateway instance, which is what protects that instance;
 * with N replicas an account gets N times the failures (documented in docs/security.md).
 */
@ApplicationScoped
public class RateLimiter {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(200_000).build();
    private final GatewayConfig.RateLimit limits;

    public RateLimiter(GatewayConfig config) {
        this.limits = config.rateLimit();
    }

    public void user(String username) {
        take("u:" + username, limits.perUser());
    }

    public void address(String address) {
        take("a:" + address, limits.perIp());
    }

    public void login(String address) {
        take("l:" + address, limits.loginPerIp());
    }

    /**
     * Refuses a sign-in to {@code account} while its failures have used up the window, wherever they came from; the
     * password is not even checked then, so a throttled guess learns nothing.
     */
    public void loginAccount(String account) {
        Bucket bucket = failures(account);
        if (bucket.getAvailableTokens() < 1) {
            long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            throw new TooManyRequests(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L)));
        }
    }

    /** Counts a failed sign-in against the account. */
    public void loginFailed(String account) {
        failures(account).tryConsume(1);
    }

    private Bucket failures(String account) {
        long capacity = limits.loginFailuresPerAccount();
        return buckets.get("f:" + account, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, limits.loginFailureWindow()).build())
                .build());
    }

    private void take(String key, long perMinute) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw new TooManyRequests(seconds);
        }
    }

    /** Refusal with the number of seconds until the next request would pass. */
    public static final class TooManyRequests extends ApiException {
        private final long retryAfterSeconds;

        TooManyRequests(long retryAfterSeconds) {
            super(429, "TooManyRequests", "too many requests; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
