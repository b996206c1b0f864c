package org.trialfhir.server;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Server instances starting at the same time on one database take turns. A start writes to the database before it
 * serves anything: the schema migrations ({@link DatabaseMigrations}), HAPI's seed rows, the conformance resources of
 * {@code profiles/}, the demo trial; two instances doing that at once on a new database collide (the second failed
 * on HAPI's seeding of HFJ_RESOURCE_TYPE: duplicate key). So the DataSource is handed to its users only once this
 * instance holds the startup advisory lock and has migrated the schema, and the lock is released when the
 * application is ready — or when its start failed and the context is torn down.
 */
@Component
class StartupLock implements BeanPostProcessor, ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
	/** This feature's namespace of advisory locks ("TFST"). */
	private static final int NAMESPACE = 0x54465354;

	private volatile AdvisoryLock held;
	private volatile boolean started;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !started) {
			started = true;
			held = AdvisoryLock.tryAcquire(dataSource, NAMESPACE, "startup").orElseGet(() -> {
				log.info("Another server instance is starting on this database; waiting for it to be ready");
				return AdvisoryLock.acquire(dataSource, NAMESPACE, "startup");
			});
			DatabaseMigrations.migrate(dataSource);
		}
		return bean;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		release();
	}

	@Override
	public void destroy() {
		release();
	}

	private synchronized void release() {
		if (held != null) {
			held.close();
			held = null;
		}
	}
}
