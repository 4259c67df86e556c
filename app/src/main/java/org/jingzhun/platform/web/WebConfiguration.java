package org.jingzhun.platform.web;

import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** English and Simplified Chinese: chosen with {@code ?lang=}, remembered in a cookie, else from the browser. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("jingzhun-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> Languages.supported(request.getLocale()));
        return resolver;
    }

    /**
     * No rewriting of the links a page writes. Spring Boot would pass every link through the static resources' chain
     * (it enables that chain for the web jars' version-less paths), and a link that is not a static file, such as each
     * row's {@code /households/123}, is looked for in every jar of the class path, each time: that made a page of fifty
     * households cost hundreds of jar lookups, most of a request's time under load. The stylesheets and scripts keep
     * their version-less paths, which the chain still resolves when they are requested.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> noLinkRewriting() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
        registry.addInterceptor(new TextParameters());
    }

    /** The two languages of the user interface. */
    static final class Languages {
        private Languages() {
        }

        static Locale supported(Locale requested) {
            return requested != null && "zh".equals(requested.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        }
    }
}
