package io.kubeletdoctor.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Every path but the webhook's (which checks its own credential) needs the read credential of the
 * configured mode; open are only the probes, the metrics, the static files and the error page. A
 * path added later is protected without a word.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadAccessProperties.class)
class ReadAccessConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ReadAccessConfiguration.class);

	/** Scripts, styles and images only from this service; no framing, no plugins, no base override. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	static final String WEBHOOK = "/api/v1/alerts";

	private static final String[] OPEN = { "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
			"/error", "/css/**", "/js/**", "/favicon.ico" };

	@Bean
	ReadTokenAuthenticationProvider readTokenAuthenticationProvider(ReadAccessProperties properties,
			@Value("${kubelet-doctor.data-dir:./data}") String dataDir) {
		return new ReadTokenAuthenticationProvider(ReadToken.from(properties, dataDir));
	}

	/** Registered after the security filters, so a refused reader never takes a turn. */
	@Bean
	FilterRegistrationBean<BoundedReadsFilter> boundedReads(ReadAccessProperties properties) {
		return new FilterRegistrationBean<>(
				new BoundedReadsFilter(properties.maxConcurrentReads(), properties.readWait()));
	}

	/**
	 * The webhook answers to its own credential only: no read credential, no session, no CSRF
	 * token (Alertmanager is no browser), but the same headers.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain webhookAccess(HttpSecurity http) throws Exception {
		http.securityMatcher(pathPattern(WEBHOOK))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return securityHeaders(http).build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain readAccess(HttpSecurity http, ReadAccessProperties properties,
			ReadTokenAuthenticationProvider tokens, ObjectProvider<ClientRegistrationRepository> oidcClients)
			throws Exception {
		ReadAccessProperties.Mode mode = properties.auth();
		securityHeaders(http);
		// A browser never adds a bearer token on its own, so a request carrying one cannot be forged
		// by another site; forms sent with cookies or remembered Basic credentials still need the token.
		http.csrf((csrf) -> csrf.ignoringRequestMatchers((request) -> {
			String authorization = request.getHeader("Authorization");
			return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
		}));
		if (mode == ReadAccessProperties.Mode.NONE) {
			logger.warn("Report pages and the JSON API are open to anyone who reaches this service "
					+ "(kubelet-doctor.ui.auth=none): meant for the demo only");
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(OPEN)
			.permitAll()
			.anyRequest()
			.authenticated());
		http.authenticationProvider(tokens);
		http.addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class);
		ReadAccessEntryPoint unauthorized = new ReadAccessEntryPoint(mode == ReadAccessProperties.Mode.TOKEN);
		http.httpBasic((basic) -> basic.authenticationEntryPoint(unauthorized));
		switch (mode) {
			case TOKEN -> statelessWithin(http, unauthorized);
			case PROXY -> {
				http.addFilterBefore(new ProxyIdentityFilter(properties.proxy()), BearerTokenFilter.class);
				statelessWithin(http, unauthorized);
			}
			case OIDC -> oidcLogin(http, unauthorized, oidcClients);
			default -> throw new IllegalStateException("Unknown kubelet-doctor.ui.auth " + mode);
		}
		return http.build();
	}

	private static HttpSecurity securityHeaders(HttpSecurity http) throws Exception {
		return http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
	}

	private static void statelessWithin(HttpSecurity http, ReadAccessEntryPoint unauthorized) throws Exception {
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthorized));
	}

	/**
	 * Pages send the browser to the issuer and, after the login, back to the page first asked for
	 * (a chat permalink); the JSON API answers 401 instead, as a bot cannot follow a login.
	 */
	private static void oidcLogin(HttpSecurity http, ReadAccessEntryPoint unauthorized,
			ObjectProvider<ClientRegistrationRepository> oidcClients) throws Exception {
		if (oidcClients.getIfAvailable() == null) {
			throw new IllegalStateException("kubelet-doctor.ui.auth=oidc needs a client registration: "
					+ "spring.security.oauth2.client.registration.<id>.client-id, .client-secret, .scope=openid "
					+ "and spring.security.oauth2.client.provider.<id>.issuer-uri");
		}
		RequestMatcher api = pathPattern("/api/**");
		http.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(unauthorized, api));
		http.oauth2Login(Customizer.withDefaults());
	}

}
