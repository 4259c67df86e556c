package org.jingzhun.platform.web;

import org.jingzhun.platform.Caller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows who is signed in (null when nobody is), for the navigation. */
@ControllerAdvice
class CallerAdvice {

    @ModelAttribute("caller")
    Caller caller() {
        return Caller.current().orElse(null);
    }
}
