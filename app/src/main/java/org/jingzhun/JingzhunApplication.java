package org.jingzhun;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts Jingzhun: the web application, its database and the national division data. */
@SpringBootApplication
public class JingzhunApplication {

    public static void main(String[] args) {
        SpringApplication.run(JingzhunApplication.class, args);
    }
}
