package org.jingzhun.platform.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.ChoiceFormat;
import java.text.FieldPosition;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Date;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The messages of both languages, formatted so that an argument reads the same whatever its Java type (issue 12,
 * items 4 and 5). A plain {@code {n}} given a whole number writes its digits alone: such numbers are years, ids,
 * codes and counts, and "the income of 2,013" misleads. Amounts are {@link BigDecimal} and keep the separators.
 * A {@code {n,number,…}} given a string (a problem stored with text arguments, as import problems are) formats
 * the number the string holds instead of failing half-way through a page or a download.
 */
@Configuration(proxyBeanMethods = false)
class MessageTexts {

    /** Named {@code messageSource}: it replaces Spring Boot's own, with the same settings. */
    @Bean
    MessageSource messageSource(@Value("${spring.messages.basename:messages}") String basename,
                                @Value("${spring.messages.encoding:UTF-8}") String encoding) {
        ResourceBundleMessageSource source = new ArgumentTypeTolerantSource();
        source.setBasenames(basename.split("\\s*,\\s*"));
        source.setDefaultEncoding(encoding);
        source.setFallbackToSystemLocale(false);
        return source;
    }

    /** Replaces each argument's format as it is parsed; Spring caches the result per message and language. */
    static final class ArgumentTypeTolerantSource extends ResourceBundleMessageSource {
        @Override
        protected MessageFormat createMessageFormat(String msg, Locale locale) {
            MessageFormat format = super.createMessageFormat(msg, locale);
            Format[] formats = format.getFormats();
            for (int i = 0; i < formats.length; i++) {
                if (formats[i] == null) {
                    format.setFormat(i, new PlainArgument(locale));
                } else if (formats[i] instanceof NumberFormat number && !(number instanceof ChoiceFormat)) {
                    format.setFormat(i, new NumberArgument(number));
                }
            }
            return format;
        }
    }

    /** {@code {n}}: whole numbers as bare digits, other numbers as the language writes them, the rest as text. */
    static final class PlainArgument extends Format {
        private final Locale locale;

        PlainArgument(Locale locale) {
            this.locale = locale;
        }

        @Override
        public StringBuffer format(Object value, StringBuffer to, FieldPosition position) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                    || value instanceof BigInteger) {
                return to.append(value);
            }
            if (value instanceof Number) {
                return NumberFormat.getInstance(locale).format(value, to, position);
            }
            if (value instanceof Date) {
                return java.text.DateFormat.getDateTimeInstance(java.text.DateFormat.SHORT, java.text.DateFormat.SHORT, locale)
                        .format(value, to, position);
            }
            return to.append(value);
        }

        @Override
        public Object parseObject(String source, ParsePosition position) {
            throw new UnsupportedOperationException("messages are only written");
        }
    }

    /** {@code {n,number,…}}: a number given as text is formatted as the number; text that is none, as it is. */
    static final class NumberArgument extends Format {
        private final NumberFormat number;

        NumberArgument(NumberFormat number) {
            this.number = number;
        }

        @Override
        public StringBuffer format(Object value, StringBuffer to, FieldPosition position) {
            if (value instanceof Number) {
                return number.format(value, to, position);
            }
            if (value instanceof String text) {
                try {
                    return number.format(new BigDecimal(text.strip()), to, position);
                } catch (NumberFormatException e) {
                    return to.append(text);
                }
            }
            return to.append(value);
        }

        @Override
        public Object parseObject(String source, ParsePosition position) {
            throw new UnsupportedOperationException("messages are only written");
        }
    }
}
