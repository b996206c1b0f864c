package org.trialfhir.server;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thread on which beans declared {@code @Bean(bootstrap = BACKGROUND)} are built while the main thread starts the
 * rest (the trial validator: docs/architecture.md, "The start"). Spring Boot would lend its application task executor,
 * but backs off from declaring one beside HAPI's executors. A plain {@link Executor}, not a task executor, so that no
 * bean looking for one by type finds it: one thread per bean, ended once the bean is built.
 */
@Configuration(proxyBeanMethods = false)
class BootstrapConfig {

	@Bean(name = ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME)
	Executor bootstrapExecutor() {
		AtomicInteger threads = new AtomicInteger();
		return bean -> {
			Thread thread = new Thread(bean, "bootstrap-" + threads.incrementAndGet());
			thread.setDaemon(true);
			thread.start();
		};
	}
}
