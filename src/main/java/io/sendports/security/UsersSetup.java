package io.sendports.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

import io.sendports.SendportsConfig;

/**
 * The embedded users, read at start-up; with none, the first admin is created ({@link Users#ensureAdmin}) from
 * {@code sendports.security.admin-password} (the environment variable {@code SENDPORTS_ADMIN_PASSWORD}) or a
 * generated password written to {@code sendports.security.initial-password-file}.
 */
@ApplicationScoped
public class UsersSetup {

    @Produces
    @Singleton
    Users users(SendportsConfig config) {
        SendportsConfig.Security security = config.security();
        Users users = new Users(security.usersFile(), System::currentTimeMillis);
        users.load();
        users.ensureAdmin(security.adminPassword(), security.initialPasswordFile());
        return users;
    }

    /** At start-up, not at the first request: the first admin and its password file exist once the service runs. */
    void atStart(@Observes StartupEvent event, Users users) {
        users.list();
    }
}
