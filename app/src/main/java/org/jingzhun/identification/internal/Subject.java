package org.jingzhun.identification.internal;

import java.time.LocalDate;

import org.jingzhun.identification.Stage;

/** A subject as the engine checks it: its stage, village and publicity. */
record Subject(long id, Stage stage, String villageCode, LocalDate stageSince, LocalDate publicityStart,
               LocalDate publicityEnd) {
}
