package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class BootstrapConfigTest {

	/** Where the background bean below was built, and whether the context's start had to wait for it. */
	static final AtomicReference<String> builtOn = new AtomicReference<>();

	@Configuration(proxyBeanMethods = false)
	static class SlowBeans {

		@Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
		String slowlyBuilt() throws InterruptedException {
			Thread.sleep(200);
			builtOn.set(Thread.currentThread().getName());
			return "built";
		}
	}

	@Test
	void beansMarkedBackgroundAreBuiltOnABootstrapThreadAndTheStartWaitsForThem() {
		new ApplicationContextRunner().withUserConfiguration(BootstrapConfig.class, SlowBeans.class).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(builtOn.get()).as("built before the context finished starting, off the main thread")
					.startsWith("bootstrap-");
			assertThat(context.getBean("slowlyBuilt")).isEqualTo("built");
		});
	}

	@Test
	void theBootstrapExecutorIsNoTaskExecutorThatOtherBeansCouldTakeByType() {
		new ApplicationContextRunner().withUserConfiguration(BootstrapConfig.class).run(context -> {
			assertThat(context).hasBean("bootstrapExecutor");
			assertThat(context).doesNotHaveBean(org.springframework.core.task.TaskExecutor.class);
		});
	}
}
