package org.jingzhun.platform;

import java.io.PrintStream;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;

/**
 * A command the application runs when started with its name among the arguments (e.g. {@code reset-password}): once
 * the database is migrated and the divisions are loaded, it does its work, prints what it did and the application
 * exits with its code. Started without its name, it does nothing.
 */
public abstract class CommandLineCommand implements ApplicationRunner {

    private final String name;
    private final ApplicationContext context;

    protected CommandLineCommand(String name, ApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    @Override
    public final void run(ApplicationArguments args) {
        if (!args.getNonOptionArgs().contains(name)) {
            return;
        }
        int code = execute(args, System.out);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** Does the command's work, printing to {@code out}; the exit code (0 done, 2 refused, 1 failed). */
    public abstract int execute(ApplicationArguments args, PrintStream out);
}
