package io.github.scrapyd4j.tasks;

/** The {@link RunStoreContract} on {@link InMemoryRunStore}, the default store. */
class InMemoryRunStoreContractTest extends RunStoreContract {
  @Override
  protected RunStore newStore() {
    return new InMemoryRunStore();
  }
}
