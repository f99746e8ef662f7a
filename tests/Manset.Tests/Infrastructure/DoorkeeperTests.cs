using Manset.Web.Infrastructure;

namespace Manset.Tests.Infrastructure;

public class DoorkeeperTests
{
    [Fact]
    public void A_key_is_let_in_on_its_second_request_not_its_first()
    {
        var doorkeeper = new Doorkeeper(1024);
        Assert.False(doorkeeper.Admit("/gundem/bir-haber-1"));
        Assert.True(doorkeeper.Admit("/gundem/bir-haber-1"));
        Assert.True(doorkeeper.Admit("/gundem/bir-haber-1"));
        Assert.False(doorkeeper.Admit("/gundem/baska-haber-2"));
    }

    [Fact]
    public void A_key_whose_slot_another_key_took_waits_one_more_request()
    {
        var doorkeeper = new Doorkeeper(1);
        Assert.False(doorkeeper.Admit(10));
        Assert.False(doorkeeper.Admit(20)); // one slot: 20 takes 10's place
        Assert.False(doorkeeper.Admit(10));
        Assert.True(doorkeeper.Admit(10));
    }

    [Fact]
    public void Its_table_is_a_power_of_two()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Doorkeeper(1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Doorkeeper(0));
    }
}
