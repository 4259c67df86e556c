package org.jingzhun.platform.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database role the application's pool logs in as, read from the database before the migrations run. A
 * superuser pool would undo the least-privilege split (it may disable the audit trail's triggers, read files and
 * run commands), so the application refuses to start with one unless {@code jingzhun.database.allow-superuser=true}.
 */
record PoolRole(String name, boolean superuser) {

    static final String ALLOW_SUPERUSER = "jingzhun.database.allow-superuser";

    static PoolRole of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_user, rolsuper from pg_roles where rolname = current_user")) {
            rs.next();
            return new PoolRole(rs.getString(1), rs.getBoolean(2));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to check the role of the application's pool", e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Check {

        @Bean
        PoolRole poolRole(DataSource dataSource, @Value("${" + ALLOW_SUPERUSER + ":false}") boolean allowSuperuser) {
            PoolRole role = PoolRole.of(dataSource);
            if (role.superuser() && !allowSuperuser) {
                throw new IllegalStateException("The application's database role '" + role.name() + "' is a superuser: it"
                        + " could disable the audit trail's triggers, read the server's files and run commands. Give the"
                        + " pool a role without superuser (see the README's grants script), or set " + ALLOW_SUPERUSER
                        + "=true to accept the risk.");
            }
            return role;
        }

        /** The migrations grant the pool's role its privileges by name (the placeholder {@code appRole}). */
        @Bean
        FlywayConfigurationCustomizer applicationRolePlaceholder(PoolRole role) {
            return configuration -> {
                Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
                placeholders.put("appRole", role.name());
                configuration.placeholders(placeholders);
            };
        }
    }
}
