package org.jingzhun.registry;

import java.util.Locale;

/** A cause of poverty on the code list, with its Chinese and English names. */
public record PovertyCause(String code, String nameZh, String nameEn) {

    /** The name in the language of the page: Chinese for Chinese, English otherwise. */
    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
