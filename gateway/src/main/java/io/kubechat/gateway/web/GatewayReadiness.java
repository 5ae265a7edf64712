package io.kubechat.gateway.web;

import io.agroal.api.AgroalDataSource;
import io.kubechat.gateway.stream.StreamHub;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the sessions' database answers and the command watch that feeds the streams is running. */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    private final AgroalDataSource dataSource;
    private final StreamHub hub;

    public GatewayReadiness(AgroalDataSource dataSource, StreamHub hub) {
        this.dataSource = dataSource;
        this.hub = hub;
    }

    @Override
    public HealthCheckResponse call() {
        boolean database;
        try (Connection c = dataSource.getConnection()) {
            database = c.isValid(2);
        } catch (SQLException e) {
            database = false;
        }
        return HealthCheckResponse.named("gateway").status(database && hub.watching())
                .withData("database", database).withData("commandWatch", hub.watching()).build();
    }
}
